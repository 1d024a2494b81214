import { stopCluster } from './queue-setup';

export default stopCluster;
