import { makeTool, type Tool } from '../model/tool';

/** Small hand-made registries for analysis specs. */
export function tool(server: string, name: string, description: string, properties: Record<string, unknown> = {}, required: string[] = []): Tool {
  return makeTool(server, { name, description, inputSchema: { type: 'object', properties, required } });
}

export const jiraCreateTask = tool('jira', 'create_task', 'Create a new task (issue) in a Jira project.', {
  project_key: { type: 'string', description: 'Jira project key' },
  summary: { type: 'string', description: 'Task title' },
}, ['project_key', 'summary']);

export const salesforceCreateTask = tool('salesforce', 'createTask', 'Create a task activity on a Salesforce account or opportunity record.', {
  whatId: { type: 'string', description: 'Account or opportunity id' },
  subject: { type: 'string', description: 'Task subject' },
}, ['whatId', 'subject']);

export const weather = tool('weather', 'get_forecast', 'Get the weather forecast for a city for the next days.', {
  city: { type: 'string' },
  days: { type: 'integer' },
});

export const email = tool('mail', 'send_email', 'Send an email message to one or more recipients.', {
  to: { type: 'array', items: { type: 'string' } },
  subject: { type: 'string' },
  body: { type: 'string' },
});

export const githubIssue = tool('github', 'create_issue', 'Create a new issue in a GitHub repository.', {
  owner: { type: 'string' },
  repo: { type: 'string' },
  title: { type: 'string' },
  body: { type: 'string' },
}, ['owner', 'repo', 'title']);

export const gitlabIssue = tool('gitlab', 'open_ticket', 'Open a new issue in a GitLab repository project.', {
  project: { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
}, ['project', 'title']);
