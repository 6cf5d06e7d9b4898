// Suites create and sign in hundreds of users: in test processes passwords are hashed at a small scrypt cost.
// The real cost is checked in identity/password.test.ts; process suites (platform-child.ts) run with it.
import { setPasswordCost } from '../src/modules/identity/password';

export const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };
setPasswordCost(TEST_PASSWORD_COST);
