import type { RouterCandidate } from '@toolgate/pipeline';

/** Candidates as stage 4 sends them: one unsafe name (a dot) and the same name on two servers. */
export const CANDIDATES: RouterCandidate[] = [
  {
    id: 'calendar/create_event',
    name: 'create_event',
    description: 'Create a calendar event (meeting) at a date and time.',
    inputSchema: { type: 'object', properties: { title: { type: 'string' }, start: { type: 'string' } }, required: ['title', 'start'] },
  },
  { id: 'weather/get_forecast', name: 'get_forecast', description: 'Get the weather forecast for a city.', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } },
  { id: 'files/files.read', name: 'files.read', description: 'Read the contents of a file from disk.' },
  { id: 'drive/files.read', name: 'files.read', description: 'Read a document stored in the cloud drive.' },
];
