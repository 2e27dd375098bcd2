import { makeTool } from '../model';
import { lexicalFindings } from './lexical-findings';
import { type LexicalTool } from './lexical-tool';
import { nameFeatures } from './name-features';

const lt = (server: string, name: string): LexicalTool => ({ tool: makeTool(server, { name, description: '', inputSchema: {} }), name: nameFeatures(name) });

describe('lexical stage: camelCase vs snake_case collision', () => {
  it.each(['createTask', 'create_task', 'Create-Task', 'create.task', 'create task', 'CREATE_TASK', 'сreate_task'])(
    '%s has the collision key createtask',
    (name) => {
      expect(nameFeatures(name).collisionKey).toBe('createtask');
    },
  );

  it('is an exact-name collision, CRITICAL, across servers', () => {
    const [finding] = lexicalFindings(lt('jira', 'createTask'), lt('linear', 'create_task'));
    expect(finding).toMatchObject({ stage: 'lexical', type: 'exact-name-collision', severity: 'CRITICAL', score: 1 });
    expect(finding.evidence).toMatchObject({ a: 'createTask', b: 'create_task', normalised: 'createtask', sameServer: false });
  });

  it('is HIGH when one server ships both spellings', () => {
    expect(lexicalFindings(lt('s', 'createTask'), lt('s', 'create-task'))[0]).toMatchObject({ type: 'exact-name-collision', severity: 'HIGH' });
  });

  it('reports only the collision, not also a token overlap', () => {
    expect(lexicalFindings(lt('a', 'list_files'), lt('b', 'listFiles'))).toHaveLength(1);
  });

  it('catches a trailing-underscore squat (compute_ vs compute)', () => {
    expect(lexicalFindings(lt('malicious', 'compute_'), lt('check_sig', 'compute'))[0].type).toBe('exact-name-collision');
  });

  it('does not collide names made only of symbols with each other', () => {
    expect(nameFeatures('!!!').collisionKey).not.toBe(nameFeatures('???').collisionKey);
  });
});
