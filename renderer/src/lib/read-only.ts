/** Why an action is turned off while Settings has read-only mode on: tooltips, alerts and disabled buttons say this. */
export const READ_ONLY_REASON = 'Read-only mode is on (Settings): actions are turned off.';
