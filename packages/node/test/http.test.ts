// The shared vectors against @corsa/node in real Node servers over HTTP: Express 5 and 4,
// Connect, and node:http through withCors().
import { runAdapterVectors } from '@corsa/testkit';
import { startConnect, startExpress, startNodeHttp } from './servers.js';

runAdapterVectors('@corsa/node in Express 5', (upstream) => startExpress(5, upstream));
runAdapterVectors('@corsa/node in Express 4', (upstream) => startExpress(4, upstream));
runAdapterVectors('@corsa/node in Connect', (upstream) => startConnect(upstream));
runAdapterVectors('@corsa/node with node:http (withCors)', (upstream) => startNodeHttp(upstream));
