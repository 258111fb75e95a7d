import { startEmbeddedCosmos } from './dist/src/adapters/cosmos/embeddedCosmos.js';
const c = await startEmbeddedCosmos();
console.log(c.endpoint);
setInterval(()=>{}, 1e9);
