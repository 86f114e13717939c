/**
 * AWS values in the window go through `visible` where they are drawn: a bidi override or a control
 * character in an account id, a member status or an AWS message is shown as an escape (`\u202e`),
 * never applied — the same rule as the command line's (main/domain/visible-text.ts). Only for what
 * is drawn: the values sent back to main (a profile name, an account id) stay as they are.
 */
export { visibleText as visible } from '../../../main/domain/visible-text';
