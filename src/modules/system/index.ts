export { systemRoutes } from './routes.ts';
export { health } from './system.ts';
