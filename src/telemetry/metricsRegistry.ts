/**
 * Counters kept in the process, for `GET /metrics` (Prometheus text format 0.0.4) and the
 * benchmark. Labels are fixed small sets (channel, outcome, operation): never a conversation,
 * a resident or anything they typed.
 */

type Labels = Record<string, string>;

interface Family {
  help: string;
  type: 'counter';
  values: Map<string, { labels: Labels; value: number }>;
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  /** Declares a counter; its name must follow Prometheus' rules. */
  counter(name: string, help: string): (labels: Labels, by?: number) => void {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad metric name ${name}`);
    const family: Family = { help, type: 'counter', values: new Map() };
    this.families.set(name, family);
    return (labels, by = 1) => {
      const key = labelKey(labels);
      const entry = family.values.get(key) ?? { labels, value: 0 };
      entry.value += by;
      family.values.set(key, entry);
    };
  }

  /** The sum of a counter over the entries whose labels include `where`. */
  total(name: string, where: Labels = {}): number {
    let sum = 0;
    for (const { labels, value } of this.families.get(name)?.values.values() ?? []) {
      if (Object.entries(where).every(([key, wanted]) => labels[key] === wanted)) sum += value;
    }
    return sum;
  }

  /** Prometheus text exposition format. */
  render(): string {
    const lines: string[] = [];
    for (const [name, family] of this.families) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`);
      for (const { labels, value } of family.values.values()) {
        const text = Object.entries(labels)
          .map(([key, label]) => `${key}="${label.replace(/["\\\n]/g, '_')}"`)
          .join(',');
        lines.push(`${name}${text ? `{${text}}` : ''} ${Number(value.toFixed(3))}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

/** One key per set of labels, whatever their order (cheaper than JSON of sorted entries). */
function labelKey(labels: Labels): string {
  let key = '';
  for (const name of Object.keys(labels).sort()) key += `${name}\u0000${labels[name]}\u0001`;
  return key;
}
