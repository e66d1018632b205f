import { describe, expect, it } from 'vitest';
import { renderInstructions } from '../../../runtime/agent/render-instructions.js';
import { agentDefinition } from './agent-fixture.js';

const support = agentDefinition();

describe('renderInstructions', () => {
  it.each([
    [
      'an optional variable inside {{#if}} is absent',
      {},
      (text: string) => expect(text).not.toContain('greet'),
    ],
    [
      'an optional variable inside {{#if}} is given',
      { customerName: 'Ada' },
      (text: string) => expect(text).toContain('The customer is Ada; greet them by name.'),
    ],
  ])('renders when %s', (_name, context, check) => {
    const text = renderInstructions(support, context);
    expect(text).toContain('You are the support agent of Acme.');
    check(text);
  });

  it('does not escape HTML in values (prompts are not HTML)', () => {
    expect(renderInstructions(support, { customerName: 'Ada & <Bob>' })).toContain('Ada & <Bob>');
  });

  it('names a variable the template prints but the context lacks', () => {
    const agent = agentDefinition({ instructions: 'Hello {{name}}', context: { type: 'object' } });
    expect(() => renderInstructions(agent, {})).toThrow(
      expect.objectContaining({
        code: 'AGENT_CONTEXT_INVALID',
        details: expect.objectContaining({ variable: 'name' }),
      }),
    );
  });

  it('rejects a context that does not match the agent context schema, with the pointer', () => {
    expect(() => renderInstructions(support, { customerName: 42 })).toThrow(
      expect.objectContaining({
        code: 'AGENT_CONTEXT_INVALID',
        details: expect.objectContaining({ pointer: '/customerName' }),
      }),
    );
    expect(() => renderInstructions(support, { unknown: 'x' })).toThrow(
      expect.objectContaining({ code: 'AGENT_CONTEXT_INVALID' }),
    );
  });

  it('gives no access to prototype properties', () => {
    const agent = agentDefinition({ instructions: 'x{{constructor.name}}y', context: { type: 'object' } });
    expect(() => renderInstructions(agent, {})).toThrow(
      expect.objectContaining({ code: 'AGENT_CONTEXT_INVALID' }),
    );
  });

  it('refuses helpers it does not know', () => {
    const agent = agentDefinition({ instructions: 'Hi {{shout name}}', context: { type: 'object' } });
    expect(() => renderInstructions(agent, { name: 'Ada' })).toThrow(
      expect.objectContaining({ code: 'AGENT_CONTEXT_INVALID' }),
    );
  });
});
