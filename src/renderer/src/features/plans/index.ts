export { PlansPage } from './PlansPage';
export { PlanPage } from './PlanPage';
