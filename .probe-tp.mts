import { parseTimePreference } from './src/domain/timePreference.ts';
const now = new Date(process.argv[2] ?? '2026-11-23T08:15:00Z');
const lang = (process.argv[3] ?? 'nl') as 'nl'|'en';
for (const t of process.argv.slice(4)) console.log(JSON.stringify(t), '→', JSON.stringify(parseTimePreference(t, { now, language: lang })));
