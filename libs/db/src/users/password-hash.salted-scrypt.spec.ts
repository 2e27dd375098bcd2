import { hashPassword, verifyPassword } from './password-hash';

describe('password hashing (scrypt, PHC string)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const phc = await hashPassword('correct horse battery');
    expect(phc).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$/);
    await expect(verifyPassword('correct horse battery', phc)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', phc)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same password!'), hashPassword('same password!')]);
    expect(a).not.toBe(b);
  });

  it('treats a malformed or foreign hash as a mismatch instead of throwing', async () => {
    await expect(verifyPassword('x', '$argon2id$v=19$m=65536,t=3,p=4$abc$def')).resolves.toBe(false);
    await expect(verifyPassword('x', '')).resolves.toBe(false);
  });
});
