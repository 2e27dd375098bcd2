import type { ExecutionContext } from '@nestjs/common';
import type { OrganisationRepository } from '@toolgate/db';
import { DefaultOrganisationGuard } from './default-organisation.guard';
import { REQUEST_CONTEXT_KEY, type RequestWithContext } from './request-context';

function contextFor(request: RequestWithContext): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('DefaultOrganisationGuard', () => {
  it('puts the default organisation into the request context, looking it up once', async () => {
    const ensure = jest.fn().mockResolvedValue('org-1');
    const guard = new DefaultOrganisationGuard({ ensure } as unknown as OrganisationRepository);
    const [first, second]: RequestWithContext[] = [{}, {}];

    await expect(guard.canActivate(contextFor(first!))).resolves.toBe(true);
    await guard.canActivate(contextFor(second!));

    expect(first![REQUEST_CONTEXT_KEY]).toEqual({ organisationId: 'org-1' });
    expect(second![REQUEST_CONTEXT_KEY]).toEqual({ organisationId: 'org-1' });
    expect(ensure).toHaveBeenCalledTimes(1);
    expect(ensure).toHaveBeenCalledWith('default', 'Default organisation');
  });

  it('does not remember a failed lookup: the next request tries again', async () => {
    const ensure = jest.fn().mockRejectedValueOnce(new Error('database down')).mockResolvedValue('org-1');
    const guard = new DefaultOrganisationGuard({ ensure } as unknown as OrganisationRepository);

    await expect(guard.canActivate(contextFor({}))).rejects.toThrow('database down');
    const request: RequestWithContext = {};
    await guard.canActivate(contextFor(request));
    expect(request[REQUEST_CONTEXT_KEY]).toEqual({ organisationId: 'org-1' });
  });
});
