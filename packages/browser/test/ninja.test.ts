import { describe, expect, it } from 'vitest';
import { ninjaSubmission } from '../src/ninja';

// The shape Ninja Forms 3 passes with nfFormSubmitResponse.
const answer = (errors: unknown = []) => ({
  id: '2',
  response: {
    errors,
    data: {
      form_id: '2',
      settings: { title: 'Contact Me' },
      fields: {
        1: { id: 1, key: 'name', label: 'Name', type: 'textbox', value: 'Jane Smith' },
        2: { id: 2, key: 'email', label: 'Email', type: 'email', value: 'jane@example.com' },
        3: { id: 3, key: 'message', label: 'Message', type: 'textarea', value: 'Call me' },
        4: { id: 4, key: 'services', label: 'Services', type: 'listcheckbox', value: ['Solar', 'Heat pump'] },
        5: { id: 5, key: 'plan', label: 'plan', type: 'hidden', value: 'pro-annual' },
        6: { id: 6, key: 'submit', label: 'Submit', type: 'submit', value: '' },
      },
    },
  },
});

describe('ninjaSubmission', () => {
  it('reads the submitted fields with their labels and types, buttons left out', () => {
    expect(ninjaSubmission(answer())).toEqual({
      id: '2',
      title: 'Contact Me',
      accepted: true,
      fields: [
        { n: 'name', v: ['Jane Smith'], t: 'text', l: 'Name' },
        { n: 'email', v: ['jane@example.com'], t: 'email', l: 'Email' },
        { n: 'message', v: ['Call me'], t: 'textarea', l: 'Message' },
        { n: 'services', v: ['Solar', 'Heat pump'], t: 'checkbox', l: 'Services' },
        { n: 'plan', v: ['pro-annual'], t: 'hidden', l: 'plan' },
      ],
    });
  });

  it('reports a refused submission as not accepted', () => {
    expect(ninjaSubmission(answer({ fields: { 2: 'Please enter a valid email address!' } }))!.accepted).toBe(false);
  });

  it('ignores data of another shape', () => {
    expect(ninjaSubmission(undefined)).toBeUndefined();
    expect(ninjaSubmission({ id: 2 })).toBeUndefined();
  });
});
