import { describe, expect, it } from 'vitest';
import { PASSWORD_MESSAGES, passwordProblem } from './passwordPolicy';

describe('password policy', () => {
  it('accepts long passwords that follow no pattern, accented letters included', () => {
    for (const password of ['cavallo-batteria-7', 'perché però così', 'Tr0mb0ne!Azzurro', '123456789013', 'abcdefghijkx']) expect(passwordProblem(password)).toBeNull();
  });

  it('finds the user name in any case, and a sequence that goes round its end', () => {
    expect(passwordProblem('Mio-M.ROSSI-2025', { username: 'm.rossi' })).toBe(PASSWORD_MESSAGES.username);
    expect(passwordProblem('Mio-M.ROSSI-2025', { username: 'g.bianchi' })).toBeNull();
    expect(passwordProblem('890123456789')).toBe(PASSWORD_MESSAGES.sequence);
    expect(passwordProblem('zyxwvutsrqpo')).toBe(PASSWORD_MESSAGES.sequence);
    expect(passwordProblem('mnbvcxzlkjhg')).toBe(PASSWORD_MESSAGES.sequence);
  });

  it('asks the list of common passwords in lower case, after the other rules', () => {
    const asked: string[] = [];
    const isCommon = (lower: string) => (asked.push(lower), lower === 'forzabologna1909');
    expect(passwordProblem('ForzaBologna1909', { isCommon })).toBe(PASSWORD_MESSAGES.common);
    expect(passwordProblem('aaaaaaaaaaaa', { isCommon })).toBe(PASSWORD_MESSAGES.repeated);
    expect(asked).toEqual(['forzabologna1909']);
  });
});
