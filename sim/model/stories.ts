/** The shipped stories, bundled as data for the browser and tests. */
import drugShortage from '../../stories/drug-shortage.json';
import falseAlarms from '../../stories/false-alarms.json';
import connectivity from '../../stories/connectivity.json';

export const STORIES: Record<string, unknown> = {
  'drug-shortage': drugShortage,
  'false-alarms': falseAlarms,
  connectivity,
};
