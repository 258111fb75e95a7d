/**
 * A small evaluator for the ARM template language, enough for infra/main.json: it evaluates the
 * template's expressions (`[format('{0}-app', parameters('name'))]`) for given parameters, the
 * way Azure Resource Manager does at deployment, so the tests can check what the app would see.
 *
 * `reference('<symbolic name>')` answers with the runtime properties Azure documents for that
 * resource type (a Cosmos DB account's `documentEndpoint`, an identity's `clientId`, …), filled
 * with example values: Azure itself cannot run here.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/paths.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ArmResource {
  type: string;
  apiVersion: string;
  name: string;
  condition?: string | boolean;
  scope?: string;
  copy?: { name: string; count: string | number };
  properties?: Record<string, Json>;
  dependsOn?: string[];
  [key: string]: Json | undefined;
}

export interface ArmTemplate {
  languageVersion: string;
  parameters: Record<
    string,
    { type: string; defaultValue?: Json; minValue?: number; minLength?: number }
  >;
  variables: Record<string, Json>;
  resources: Record<string, ArmResource>;
  outputs: Record<string, { type: string; value: string }>;
}

export function readTemplate(): ArmTemplate {
  return JSON.parse(readFileSync(resolve(projectRoot, 'infra/main.json'), 'utf8')) as ArmTemplate;
}

/** Example runtime properties per resource type, as `reference()` returns them in Azure. */
const runtimeProperties: Record<string, (name: string) => Record<string, Json>> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': () => ({
    clientId: '11111111-1111-4111-8111-111111111111',
    principalId: '22222222-2222-4222-8222-222222222222',
    tenantId: '33333333-3333-4333-8333-333333333333',
  }),
  'Microsoft.DocumentDB/databaseAccounts': (name) => ({
    documentEndpoint: `https://${name}.documents.azure.com:443/`,
  }),
  'Microsoft.KeyVault/vaults': (name) => ({ vaultUri: `https://${name}.vault.azure.net/` }),
  'Microsoft.Insights/components': () => ({
    ConnectionString:
      'InstrumentationKey=44444444-4444-4444-8444-444444444444;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
  }),
  'Microsoft.Web/sites': (name) => ({ defaultHostName: `${name}.azurewebsites.net` }),
};

type Value = Json | undefined;

/** Evaluates ARM expressions of one deployment (given parameter values). */
export class ArmEvaluator {
  private readonly params: Record<string, Json>;
  private copyIndexValue: number | undefined;

  constructor(
    readonly template: ArmTemplate,
    parameters: Record<string, Json>,
  ) {
    this.params = {};
    for (const [name, spec] of Object.entries(template.parameters)) {
      const given = parameters[name];
      if (given !== undefined) this.params[name] = given;
      else if (spec.defaultValue !== undefined) this.params[name] = this.value(spec.defaultValue);
      else throw new Error(`parameter ${name} has no value`);
    }
  }

  /** A template value with every `[expression]` string in it evaluated. */
  value(value: Json, copyIndex?: number): Json {
    const previous = this.copyIndexValue;
    this.copyIndexValue = copyIndex ?? previous;
    try {
      if (typeof value === 'string') return this.string(value);
      if (Array.isArray(value)) return value.map((item) => this.value(item));
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value).map(([key, item]) => [
            this.string(key) as string,
            this.value(item),
          ]),
        );
      }
      return value;
    } finally {
      this.copyIndexValue = previous;
    }
  }

  private string(text: string): Json {
    if (!text.startsWith('[') || !text.endsWith(']') || text.startsWith('[[')) return text;
    const parser = new Parser(text.slice(1, -1));
    const result = this.evaluate(parser.expression());
    parser.end();
    if (result === undefined) throw new Error(`${text} has no value`);
    return result;
  }

  private evaluate(node: Node): Value {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'property': {
        const target = this.evaluate(node.target);
        const key = typeof node.key === 'string' ? node.key : this.evaluate(node.key);
        if (target === null || typeof target !== 'object') {
          throw new Error(`cannot read ${String(key)} of ${JSON.stringify(target)}`);
        }
        const result = (target as Record<string, Json>)[String(key)];
        if (result === undefined) throw new Error(`no property ${String(key)}`);
        return result;
      }
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  private call(name: string, args: Node[]): Value {
    const lazy = name.toLowerCase() === 'if';
    if (lazy) {
      // Like ARM: only the branch the condition picks is evaluated.
      const [condition, then, otherwise] = args as [Node, Node, Node];
      return this.evaluate(this.evaluate(condition) === true ? then : otherwise);
    }
    const values = args.map((arg) => this.evaluate(arg));
    const text = (index: number) => String(values[index]);
    switch (name.toLowerCase()) {
      case 'parameters':
        return this.known(this.params, text(0), 'parameter');
      case 'variables':
        return this.value(this.known(this.template.variables, text(0), 'variable'));
      case 'format':
        return text(0).replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i) + 1]));
      case 'string':
        return typeof values[0] === 'string' ? values[0] : JSON.stringify(values[0]);
      case 'empty': {
        const v = values[0];
        return v === '' || v === null || (Array.isArray(v) ? v.length === 0 : false);
      }
      case 'not':
        return values[0] !== true;
      case 'startswith':
        return text(0).toLowerCase().startsWith(text(1).toLowerCase());
      case 'length':
        return Array.isArray(values[0]) ? values[0].length : text(0).length;
      case 'copyindex':
        if (this.copyIndexValue === undefined) throw new Error('copyIndex() outside a copy loop');
        return this.copyIndexValue;
      case 'guid':
        return guidOf(values.map(String).join('-'));
      case 'resourcegroup':
        return {
          id: '/subscriptions/sub/resourceGroups/rg',
          name: 'rg',
          location: 'westeurope',
        };
      case 'subscription':
        return {
          id: '/subscriptions/sub',
          subscriptionId: 'sub',
          tenantId: '33333333-3333-4333-8333-333333333333',
        };
      case 'resourceid':
        return resourceIdOf('/subscriptions/sub/resourceGroups/rg', values.map(String));
      case 'subscriptionresourceid':
        return resourceIdOf('/subscriptions/sub', values.map(String));
      case 'reference':
        return this.reference(text(0));
      default:
        throw new Error(`the test's ARM evaluator does not know ${name}()`);
    }
  }

  private reference(symbolicName: string): Json {
    const resource = this.known(this.template.resources, symbolicName, 'resource');
    const properties = runtimeProperties[resource.type];
    if (!properties) throw new Error(`no runtime properties known for ${resource.type}`);
    return properties(String(this.value(resource.name)));
  }

  private known<T>(table: Record<string, T>, name: string, what: string): T {
    const found = table[name];
    if (found === undefined) throw new Error(`the template has no ${what} ${name}`);
    return found;
  }

  /** Whether a resource is deployed with these parameters (its `condition`). */
  deployed(resource: ArmResource): boolean {
    return resource.condition === undefined || this.value(resource.condition) === true;
  }
}

function resourceIdOf(prefix: string, args: string[]): string {
  const [type = '', ...names] = args;
  const [namespace, ...types] = type.split('/');
  const segments = types.flatMap((t, i) => [t, names[i] ?? '']);
  return `${prefix}/providers/${namespace}/${segments.join('/')}`;
}

function guidOf(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

type Node =
  | { kind: 'literal'; value: Json }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'property'; target: Node; key: string | Node };

/** Recursive descent over ARM's expression grammar: calls, 'strings', numbers, .x and [i]. */
class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  expression(): Node {
    this.space();
    let node = this.primary();
    for (;;) {
      if (this.peek('.')) {
        this.at++;
        node = { kind: 'property', target: node, key: this.identifier() };
      } else if (this.peek('[')) {
        this.at++;
        const key = this.expression();
        this.expect(']');
        node = { kind: 'property', target: node, key };
      } else {
        return node;
      }
    }
  }

  end(): void {
    this.space();
    if (this.at !== this.source.length) {
      throw new Error(`unexpected "${this.source.slice(this.at)}" in ${this.source}`);
    }
  }

  private primary(): Node {
    this.space();
    if (this.peek("'")) return { kind: 'literal', value: this.quoted() };
    const number = /^-?\d+/.exec(this.source.slice(this.at));
    if (number) {
      this.at += number[0].length;
      return { kind: 'literal', value: Number(number[0]) };
    }
    const name = this.identifier();
    this.expect('(');
    const args: Node[] = [];
    this.space();
    if (!this.peek(')')) {
      for (;;) {
        args.push(this.expression());
        this.space();
        if (this.peek(',')) this.at++;
        else break;
      }
    }
    this.expect(')');
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    return { kind: 'call', name, args };
  }

  private quoted(): string {
    let out = '';
    this.at++;
    for (;;) {
      const char = this.source[this.at];
      if (char === undefined) throw new Error(`unterminated string in ${this.source}`);
      this.at++;
      if (char === "'") {
        if (this.source[this.at] === "'") {
          out += "'";
          this.at++;
        } else {
          return out;
        }
      } else {
        out += char;
      }
    }
  }

  private identifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.source.slice(this.at));
    if (!match) throw new Error(`expected a name at "${this.source.slice(this.at)}"`);
    this.at += match[0].length;
    return match[0];
  }

  private expect(char: string): void {
    this.space();
    if (!this.peek(char)) throw new Error(`expected ${char} at "${this.source.slice(this.at)}"`);
    this.at++;
  }

  private peek(char: string): boolean {
    return this.source[this.at] === char;
  }

  private space(): void {
    while (this.source[this.at] === ' ') this.at++;
  }
}
