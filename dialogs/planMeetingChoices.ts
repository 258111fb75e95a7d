import type { PlanIntent } from './planMeetingOptions.js';
import type { Choice } from './recognize.js';

/** The light questions before planning: what they would like, what they do, what would help. */

/** "Fijn dat u wilt werken!": the first words, in the words of the resident's path. */
export const gladKeys: Record<PlanIntent, string> = {
  work: 'plan.glad.work',
  meaningful: 'plan.glad.meaningful',
  talk: 'plan.glad.talk',
};

/** The first question is about what they would like, in the words of their path. */
export const wishQuestions: Record<PlanIntent, { questionKey: string; choices: Choice[] }> = {
  work: {
    questionKey: 'plan.wishes.work.ask',
    choices: [
      { value: 'wish:outside', buttonKey: 'plan.wishes.outside.button' },
      { value: 'wish:people', buttonKey: 'plan.wishes.people.button' },
      { value: 'wish:hands', buttonKey: 'plan.wishes.hands.button' },
      { value: 'wish:unsure', buttonKey: 'plan.wishes.unsure.button' },
    ],
  },
  meaningful: {
    questionKey: 'plan.wishes.meaningful.ask',
    choices: [
      { value: 'wish:helping', buttonKey: 'plan.wishes.helping.button' },
      { value: 'wish:creative', buttonKey: 'plan.wishes.creative.button' },
      { value: 'wish:together', buttonKey: 'plan.wishes.together.button' },
      { value: 'wish:unsure', buttonKey: 'plan.wishes.unsure.button' },
    ],
  },
  talk: {
    questionKey: 'plan.wishes.talk.ask',
    choices: [
      { value: 'wish:aboutWork', buttonKey: 'plan.wishes.aboutWork.button' },
      { value: 'wish:aboutMeaningful', buttonKey: 'plan.wishes.aboutMeaningful.button' },
      { value: 'wish:unsure', buttonKey: 'plan.wishes.unsure.button' },
    ],
  },
};

export const doesChoices: Choice[] = [
  { value: 'does:caring', buttonKey: 'plan.does.caring.button' },
  { value: 'does:sport', buttonKey: 'plan.does.sport.button' },
  { value: 'does:cooking', buttonKey: 'plan.does.cooking.button' },
];

export const helpChoices: Choice[] = [
  { value: 'help:thinking', buttonKey: 'plan.help.thinking.button' },
  { value: 'help:slow', buttonKey: 'plan.help.slow.button' },
  { value: 'help:learning', buttonKey: 'plan.help.learning.button' },
];
