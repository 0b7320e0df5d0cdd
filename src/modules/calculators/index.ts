export { calculateKitaFee, hasKitaFeeTable, kitaFeeTableFor, validateFeeTable, type ResolvedFeeTable } from './calculators.ts';
export { DEMO_FEE_TABLES, seedDemoFeeTables } from './demo-tables.ts';
export { calculatorRoutes } from './routes.ts';
export { KITA_FEE, type FeeBracket, type FeeLine, type KitaFeeInput, type KitaFeeResult, type KitaFeeTable } from './schema.ts';
