import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { NonInteractiveOAuthProvider } from '@toolgate/mcp';

/** What the suite passes in MCP_CONFORMANCE_CONTEXT for auth scenarios that need pre-registered credentials. */
interface ConformanceContext {
  client_id?: string;
  client_secret?: string;
}

const REDIRECT_URL = 'http://localhost:3000/callback';
/**
 * The client ID metadata document URL (CIMD, SEP-991) the suite's authorization server expects. A real
 * deployment would publish Toolgate's own document at an HTTPS URL of its own.
 */
const CLIENT_METADATA_URL = 'https://conformance-test.local/client-metadata.json';

/**
 * An in-memory OAuth client for the conformance suite's auth scenarios, with no browser: the suite's
 * authorization server approves at once, so `redirectToAuthorization` fetches the authorization URL,
 * keeps the `code` of the redirect it answers with, and the session exchanges it (finishAuth).
 * Dynamic client registration is used unless the context carries pre-registered credentials.
 */
export class ConformanceOAuthProvider implements NonInteractiveOAuthProvider {
  private client?: OAuthClientInformationMixed;
  private saved?: OAuthTokens;
  private verifier?: string;
  private code?: string;

  constructor(preRegistered?: { client_id: string; client_secret?: string }) {
    if (preRegistered) this.client = preRegistered;
  }

  static fromEnvironment(raw: string | undefined): ConformanceOAuthProvider {
    const context = raw ? (JSON.parse(raw) as ConformanceContext) : {};
    return new ConformanceOAuthProvider(context.client_id ? { client_id: context.client_id, ...(context.client_secret ? { client_secret: context.client_secret } : {}) } : undefined);
  }

  get clientMetadataUrl(): string {
    return CLIENT_METADATA_URL;
  }

  get redirectUrl(): string {
    return REDIRECT_URL;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'toolgate-sync',
      redirect_uris: [REDIRECT_URL],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: this.client?.client_secret ? 'client_secret_basic' : 'none',
    };
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.client;
  }

  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.client = info;
  }

  tokens(): OAuthTokens | undefined {
    return this.saved;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.saved = tokens;
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    const response = await fetch(url, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (!location) throw new Error(`the authorization endpoint answered ${response.status} without a redirect`);
    const code = new URL(location, url).searchParams.get('code');
    if (!code) throw new Error('the authorization redirect carries no code');
    this.code = code;
  }

  async takeAuthorizationCode(): Promise<string | undefined> {
    const code = this.code;
    this.code = undefined;
    return code;
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    if (!this.verifier) throw new Error('no code verifier saved');
    return this.verifier;
  }
}

