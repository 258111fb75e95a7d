// Baseline 3: the stock 3-step waterfall on botbuilder's MemoryStorage.
import { MemoryStorage } from 'botbuilder';
import { serveStockWaterfall } from './stockWaterfall.js';

serveStockWaterfall(new MemoryStorage());
