export { calculateKitaFee, hasKitaFeeTable, kitaFeeTableFor, type ResolvedFeeTable } from './calculators.ts';
export { validateFeeTable } from './fee-table.ts';
export { DEMO_FEE_TABLES, seedDemoFeeTables } from './demo-tables.ts';
export { calculatorRoutes } from './routes.ts';
export { KITA_FEE, type FeeBracket, type FeeLine, type KitaFeeInput, type KitaFeeResult, type KitaFeeTable } from './schema.ts';
