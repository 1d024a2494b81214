import { stopCluster } from './global-setup';

export default stopCluster;
