import { Injectable } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { channelSecretsContext, type NotificationChannelRecord } from '@toolgate/db';
import { type NotificationChannel, parseChannelConfig } from '@toolgate/notifications';
import { SecretBox, type Secrets } from '@toolgate/secrets';

/** Opens a stored channel's secrets into the channel the notifications lib delivers to. */
@Injectable()
export class ChannelOpener {
  private readonly box: Secrets;

  constructor(config: AppConfig) {
    this.box = SecretBox.fromConfig(config.values.TOOLGATE_SECRETS_KEY, config.values.TOOLGATE_SECRETS_PREVIOUS_KEYS);
  }

  /** The ready channel, or the reason it cannot be used (key missing, tampered secrets, invalid stored config). */
  open(record: NotificationChannelRecord): { channel: NotificationChannel } | { error: string } {
    let secrets: unknown = {};
    try {
      if (record.secretsEncrypted) secrets = this.box.openJson(record.secretsEncrypted, channelSecretsContext(record.id));
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const parsed = parseChannelConfig(record.kind, record.settings, secrets);
    if (!parsed.ok) return { error: `stored channel config is invalid: ${parsed.issues.map((i) => i.field).join(', ')}` };
    return { channel: { id: record.id, name: record.name, kind: record.kind, settings: parsed.settings, secrets: parsed.secrets } as NotificationChannel };
  }
}
