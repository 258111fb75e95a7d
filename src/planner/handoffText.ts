import type { Coach } from '../domain/coach.js';
import type { HandoffSummary } from '../domain/handoff.js';
import type { Translator } from '../i18n.js';

/**
 * The calendar entry a coach sees: a short title and the handoff summary in Dutch (the
 * team's language), one line per answer the resident gave. Skipped questions are left out
 * rather than shown empty, and the resident's own words are quoted as they wrote them.
 */
export function describeHandoff(
  summary: HandoffSummary,
  coach: Coach,
  i18n: Pick<Translator, 't'>,
): { title: string; description: string } {
  const t = (key: string, values?: Record<string, unknown>) => i18n.t('nl', key, values);
  const line = (key: string, value: string | undefined) => (value ? t(key, { value }) : undefined);
  const lines = [
    t('handoff.intro', { coach: coach.name }),
    line('handoff.wishes', summary.wishes),
    line('handoff.doesAlready', summary.doesAlready),
    line('handoff.wouldHelp', summary.wouldHelp),
    line('handoff.preferredTimes', summary.preferredTimes),
    line('handoff.preferenceUnderstood', summary.preferenceUnderstood),
    t('handoff.form', { value: t(`handoff.forms.${summary.form}`) }),
    line('handoff.phone', summary.phone),
    t('handoff.language', { value: summary.language }),
    t('handoff.channel', { value: summary.channel }),
  ];
  return {
    title: t('handoff.title', { intent: t(`handoff.intents.${summary.intent}`) }),
    description: lines.filter((text): text is string => text !== undefined).join('\n'),
  };
}
