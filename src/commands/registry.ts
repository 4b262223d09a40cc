import type { Command } from './command.ts';
import { awayCommand } from './verbs/away.ts';
import { checkbackCommand } from './verbs/checkback.ts';
import { committeeCommand } from './verbs/committee.ts';
import { coverCommand } from './verbs/cover.ts';
import { cycleCommand } from './verbs/cycle.ts';
import { digestCommand } from './verbs/digest.ts';
import { escalationCommand } from './verbs/escalation.ts';
import { feedbackCommand } from './verbs/feedback.ts';
import { createHelpCommand } from './verbs/help.ts';
import { historyCommand } from './verbs/history.ts';
import { importCommand } from './verbs/import.ts';
import { listCommand } from './verbs/list.ts';
import { mineCommand } from './verbs/mine.ts';
import { moderateCommand } from './verbs/moderate.ts';
import { networkCommand, networksCommand } from './verbs/network.ts';
import { nudgeCommand } from './verbs/nudge.ts';
import { ownerCommand } from './verbs/owner.ts';
import { plansCommand } from './verbs/plans.ts';
import { reportCommand } from './verbs/report.ts';
import { rolesCommand } from './verbs/roles.ts';
import { showCommand } from './verbs/show.ts';
import { sponsorCommand } from './verbs/sponsor.ts';
import { updateCommand } from './verbs/update.ts';

/** Every verb of the command language, in the order `help` lists them. */
export const COMMANDS: readonly Command[] = [
  createHelpCommand(() => COMMANDS),
  listCommand,
  showCommand,
  historyCommand,
  updateCommand,
  mineCommand,
  plansCommand,
  reportCommand,
  committeeCommand,
  ownerCommand,
  rolesCommand,
  awayCommand,
  coverCommand,
  cycleCommand,
  sponsorCommand,
  escalationCommand,
  nudgeCommand,
  importCommand,
  digestCommand,
  feedbackCommand,
  checkbackCommand,
  moderateCommand,
  networkCommand,
  networksCommand,
];
