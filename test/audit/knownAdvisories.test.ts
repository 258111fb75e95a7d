import { expect } from 'chai';
import { projectRoot } from '../../src/paths.js';
import {
  auditFindings,
  compareVersions,
  isAffected,
  knownAdvisories,
  knownHits,
  readSource,
  type LsNode,
} from './knownAdvisories.js';

/** The offline part of `npm run audit:deps`: no network, so it runs with `npm test`. */
describe('the known advisories against production dependencies', () => {
  const source = readSource(projectRoot);

  for (const advisory of knownAdvisories) {
    it(`${advisory.package} ${advisory.id}: what keeps it unreached still holds`, () => {
      expect(advisory.guard(source)).to.deep.equal([]);
    });
  }

  it('sees a route with two parameters in one segment, and restify static files', () => {
    const [findMyWay, send] = knownAdvisories;
    const risky = [
      { path: 'src/x.ts', text: "server.get('/range/:from-:to', h);" },
      { path: 'src/y.ts', text: 'server.get("/files/*", restify.plugins.serveStatic({}));' },
    ];
    expect(findMyWay!.guard(risky)).to.have.length(1);
    expect(send!.guard(risky)).to.have.length(1);
    expect(findMyWay!.guard([{ path: 'a.ts', text: "'/coaches/:file'" }])).to.deep.equal([]);
  });

  it('compares versions and ranges as semver does for plain releases', () => {
    expect(compareVersions('0.18.0', '0.19.0')).to.be.below(0);
    expect(compareVersions('10.0.0', '9.0.1')).to.be.above(0);
    const uuid = knownAdvisories.find((advisory) => advisory.package === 'uuid')!;
    expect(
      ['3.4.0', '8.3.2', '9.0.1', '10.0.0', '11.1.0', '12.0.0'].map((v) => isAffected(v, uuid)),
    ).to.deep.equal([true, true, true, true, true, true]);
    expect(
      ['2.0.3', '11.1.1', '12.0.1', '13.0.1', '14.0.0'].map((v) => isAffected(v, uuid)),
    ).to.deep.equal([false, false, false, false, false]);
  });

  it('finds the affected installed versions in an npm ls tree, with a path to each', () => {
    const tree: LsNode = {
      dependencies: {
        restify: {
          version: '11.1.0',
          dependencies: {
            send: { version: '0.18.0' },
            'find-my-way': { version: '8.2.2' },
            uuid: { version: '9.0.1' },
          },
        },
        uuid: { version: '11.1.1' },
      },
    };
    expect(
      knownHits(tree).map(({ advisory, version, via }) => [advisory.package, version, via]),
    ).to.deep.equal([
      ['send', '0.18.0', 'restify > send'],
      ['uuid', '9.0.1', 'restify > uuid'],
    ]);
  });

  it('reads the advisories of an npm audit report once each, skipping the packages they come through', () => {
    const advisory = {
      source: 1099846,
      name: 'find-my-way',
      dependency: 'find-my-way',
      title: 'find-my-way has a ReDoS vulnerability in multiparametric routes',
      url: 'https://github.com/advisories/GHSA-rrr8-f88r-h8q6',
      severity: 'high',
      range: '>=5.5.0 <8.2.2',
    };
    const report = {
      auditReportVersion: 2,
      vulnerabilities: {
        'find-my-way': { name: 'find-my-way', severity: 'high', via: [advisory] },
        restify: { name: 'restify', severity: 'high', via: ['find-my-way', 'send'] },
      },
    };
    expect(auditFindings(report)).to.deep.equal([
      {
        id: 'GHSA-rrr8-f88r-h8q6',
        name: 'find-my-way',
        severity: 'high',
        title: advisory.title,
        range: advisory.range,
      },
    ]);
  });
});
