/**
 * infra/main.bicep is the source and infra/main.json the ARM template it compiles to, kept by
 * hand (the Bicep CLI cannot run here). This reads the Bicep lightly — parameters, variables,
 * resources, app setting names, containers, outputs — so the two cannot drift apart.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { readTemplate } from './armTemplate.js';

const bicep = readFileSync(resolve(projectRoot, 'infra/main.bicep'), 'utf8')
  .split('\n')
  .filter((line) => !line.trimStart().startsWith('//'))
  .join('\n');
const template = readTemplate();

function all(pattern: RegExp, text = bicep): string[][] {
  return [...text.matchAll(pattern)].map((match) => match.slice(1));
}

/** The text between `<start>` and the bracket that closes the one opened on its line. */
function block(start: string): string {
  const from = bicep.indexOf(start);
  if (from < 0) throw new Error(`main.bicep has no "${start}"`);
  const open = bicep.indexOf('[', from);
  let depth = 0;
  for (let at = open; at < bicep.length; at++) {
    if (bicep[at] === '[') depth++;
    if (bicep[at] === ']' && --depth === 0) return bicep.slice(open, at + 1);
  }
  throw new Error(`"${start}" is not closed`);
}

describe('infra/main.bicep and infra/main.json', () => {
  it('declare the same parameters, with the same types and defaults', () => {
    const params = all(/^param (\w+) (\w+)(?: = (.+))?$/gm);
    expect(params.map(([name]) => name)).to.deep.equal(Object.keys(template.parameters));
    for (const [name = '', type = '', defaultValue] of params) {
      const json = template.parameters[name];
      const secure = new RegExp(`@secure\\(\\)\\s*\\nparam ${name} `).test(bicep);
      expect(json?.type.toLowerCase(), name).to.equal(secure ? `secure${type}` : type);
      if (defaultValue === undefined) {
        expect(json?.defaultValue, name).to.equal(undefined);
      } else if (/^'.*'$/.test(defaultValue)) {
        expect(json?.defaultValue, name).to.equal(defaultValue.slice(1, -1));
      } else if (/^(\d+|true|false)$/.test(defaultValue)) {
        expect(json?.defaultValue, name).to.equal(JSON.parse(defaultValue));
      } else {
        expect(json?.defaultValue, name)
          .to.be.a('string')
          .that.matches(/^\[.+\]$/);
      }
    }
  });

  it('declare the same variables', () => {
    const variables = all(/^var (\w+) =/gm).map(([name]) => name);
    expect(variables).to.deep.equal(Object.keys(template.variables));
  });

  it('declare the same resources, with the same types and API versions', () => {
    const resources = all(/^resource (\w+) '([^@']+)@([^']+)'/gm);
    expect(resources.map(([name]) => name)).to.deep.equal(Object.keys(template.resources));
    for (const [name = '', type, apiVersion] of resources) {
      expect(template.resources[name]?.type, name).to.equal(type);
      expect(template.resources[name]?.apiVersion, name).to.equal(apiVersion);
    }
  });

  it('deploy the same resources conditionally', () => {
    const conditional = all(/^resource (\w+) '[^']+' = if \(/gm).map(([name]) => name);
    const json = Object.entries(template.resources)
      .filter(([, resource]) => resource.condition !== undefined)
      .map(([name]) => name);
    expect(conditional).to.deep.equal(json);
  });

  it('set the same app settings, in the same order', () => {
    const names = all(/\{ name: '(\w+)', value:/g, block('appSettings:')).map(([name]) => name);
    const app = template.resources.app?.properties?.siteConfig as {
      appSettings: { name: string }[];
    };
    expect(names).to.deep.equal(app.appSettings.map((setting) => setting.name));
  });

  it('create the same containers', () => {
    const containers = all(
      /\{ id: '(\w+)', partitionKeyPath: '([^']+)' \}/g,
      block('var containers ='),
    ).map(([id, partitionKeyPath]) => ({ id, partitionKeyPath }));
    expect(containers).to.deep.equal(template.variables.containers);
  });

  it('have the same outputs', () => {
    const outputs = all(/^output (\w+) (\w+) =/gm);
    expect(outputs.map(([name]) => name)).to.deep.equal(Object.keys(template.outputs));
    for (const [name = '', type] of outputs) expect(template.outputs[name]?.type).to.equal(type);
  });

  it('agree on the security settings that matter most', () => {
    for (const line of [
      'disableLocalAuth: true',
      'httpsOnly: true',
      "ftpsState: 'Disabled'",
      "minTlsVersion: '1.2'",
      "healthCheckPath: '/readyz'",
      'enableRbacAuthorization: true',
      'defaultTtl: -1',
    ]) {
      expect(bicep, line).to.include(line);
    }
  });
});

describe('infra/main.parameters.json', () => {
  it('gives only parameters the template declares', () => {
    const file = JSON.parse(
      readFileSync(resolve(projectRoot, 'infra/main.parameters.json'), 'utf8'),
    ) as { parameters: Record<string, unknown> };
    for (const name of Object.keys(file.parameters)) {
      expect(template.parameters, name).to.have.property(name);
    }
  });
});
