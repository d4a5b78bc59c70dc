import { z } from 'zod';

// Validation messages reach operators and users, so zod speaks Chinese everywhere.
z.config(z.locales.zhCN());

export { z };
