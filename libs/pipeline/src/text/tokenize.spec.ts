import { nameTokens, splitIdentifier, stem, textTokens } from './index';

describe('splitIdentifier', () => {
  it.each([
    ['create_task', ['create', 'task']],
    ['createTask', ['create', 'task']],
    ['CreateTask', ['create', 'task']],
    ['create-task', ['create', 'task']],
    ['jira.create.task', ['jira', 'create', 'task']],
    ['getHTTPResponse', ['get', 'http', 'response']],
    ['list repos v2', ['list', 'repos', 'v', '2']],
  ])('%s → %j', (name, expected) => {
    expect(splitIdentifier(name)).toEqual(expected);
  });
});

describe('stem', () => {
  it.each([
    ['users', 'user'],
    ['issues', 'issue'],
    ['repositories', 'repository'],
    ['created', 'create'],
    ['updated', 'update'],
    ['listing', 'list'],
    ['branches', 'branch'],
    ['status', 'status'],
    ['add', 'add'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('nameTokens', () => {
  it('maps verb synonyms to one canonical verb', () => {
    expect(nameTokens('add_issue')).toEqual(nameTokens('createIssue'));
    expect(nameTokens('fetch_user')).toEqual(nameTokens('get-users'));
    expect(nameTokens('remove_file')).toEqual(nameTokens('delete_file'));
  });
});

describe('textTokens', () => {
  it('drops stopwords and stems', () => {
    expect(textTokens('Creates a new issue in the repository')).toEqual(['create', 'create', 'issue', 'repository']);
  });
});

describe('stem on Object.prototype names', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('%s stays a string', (word) => {
    expect(typeof stem(word)).toBe('string');
  });
});

describe('splitIdentifier beyond ASCII', () => {
  it('keeps non-Latin words whole and splits them from Latin ones', () => {
    expect(splitIdentifier('获取天气 forecast')).toEqual(['获取天气', 'forecast']);
    expect(splitIdentifier('créerTâche')).toEqual(['créer', 'tâche']);
    expect(splitIdentifier('ｃｒｅａｔｅ_task')).toEqual(['create', 'task']);
  });
});
