export { DEMO_PASSWORD, DEMO_REGIONS, seedDemo, type DemoLogin } from './demo.ts';
export { seedDemoCases } from './cases.ts';
