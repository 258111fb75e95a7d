// The stock Bot Framework way to write a dialog bot: a 3-step waterfall with text prompts,
// ConversationState and UserState on a Storage, saved after every turn (botbuilder's samples).
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  UserState,
  type Storage,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import restify from 'restify';
import { announce } from './ipc.js';

export function serveStockWaterfall(storage: Storage): void {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const dialogState = conversationState.createProperty('dialogState');
  const name = userState.createProperty<string>('name');
  const dialogs = new DialogSet(dialogState);
  dialogs.add(new TextPrompt('text'));
  dialogs.add(
    new WaterfallDialog('main', [
      async (step) => step.prompt('text', 'Hallo! Ik ben een computer. Wat wilt u?'),
      async (step) => {
        await name.set(step.context, String(step.result));
        return step.prompt('text', 'Wanneer komt het u goed uit?');
      },
      async (step) => {
        await step.context.sendActivity(`Dank u. U zei: ${String(step.result)}`);
        return step.endDialog();
      },
    ]),
  );

  class WaterfallBot extends ActivityHandler {
    constructor() {
      super();
      this.onMessage(async (context, next) => {
        const dc = await dialogs.createContext(context);
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog('main');
        await next();
      });
    }

    override async run(context: Parameters<ActivityHandler['run']>[0]): Promise<void> {
      await super.run(context);
      await conversationState.saveChanges(context, false);
      await userState.saveChanges(context, false);
    }
  }

  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new WaterfallBot();
  const server = restify.createServer({ name: 'waterfall' });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.listen(0, '127.0.0.1', () => announce(server.address().port));
}
