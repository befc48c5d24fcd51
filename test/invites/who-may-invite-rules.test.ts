// The rules of who may invite, alone (pure): the cases the end-to-end tests cannot reach with a
// single-workspace fake, Enterprise Grid above all, and the order in which reasons are given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserFacts } from '../../src/invites/ports.js';
import { belongsToWorkspace, isWorkspaceAdmin, refuseAccount, refuseByRequest } from '../../src/invites/who-may-invite/rules.js';

const person = (facts: Partial<UserFacts> = {}): UserFacts => ({
  id: 'W012A3CDE', teamId: 'T1', name: 'spengler', email: undefined, isBot: false, isAdmin: false, isOwner: false, deleted: false, ...facts,
});
const workspace = { teamId: 'T1' };
const gridWorkspace = { teamId: 'T1', enterpriseId: 'E1' };

describe('who may invite: the rules', () => {
  it('lets a full member of the installed workspace invite', () => {
    assert.equal(refuseAccount(person(), workspace), undefined);
  });

  it('refuses guests of both kinds, apps and deactivated accounts, and someone Slack does not know', () => {
    assert.equal(refuseAccount(person({ isRestricted: true }), workspace), 'requester_is_guest');
    assert.equal(refuseAccount(person({ isRestricted: true, isUltraRestricted: true }), workspace), 'requester_is_guest');
    assert.equal(refuseAccount(person({ isBot: true }), workspace), 'requester_is_bot');
    assert.equal(refuseAccount(person({ deleted: true, isRestricted: true }), workspace), 'requester_deactivated', 'deactivated says more than guest');
    assert.equal(refuseAccount(undefined, workspace), 'requester_other_workspace');
  });

  it('refuses a person of another workspace, even an admin there', () => {
    assert.equal(refuseAccount(person({ teamId: 'T-other-side', isAdmin: true }), workspace), 'requester_other_workspace');
    assert.equal(isWorkspaceAdmin(person({ teamId: 'T-other-side', isAdmin: true }), workspace), false);
  });

  describe('Enterprise Grid (a workspace installation)', () => {
    it('lets a person homed in a sibling workspace invite when Slack lists them in the installed one', () => {
      const member = person({ teamId: 'T2', enterpriseId: 'E1', workspaceIds: ['T2', 'T1'] });
      assert.equal(belongsToWorkspace(member, gridWorkspace), true);
      assert.equal(refuseAccount(member, gridWorkspace), undefined);
    });

    it('refuses a person of the same organization who is not a member of the installed workspace', () => {
      assert.equal(refuseAccount(person({ teamId: 'T2', enterpriseId: 'E1', workspaceIds: ['T2'] }), gridWorkspace), 'requester_other_workspace');
    });

    it('refuses a person of another organization whatever workspaces they list', () => {
      assert.equal(refuseAccount(person({ teamId: 'T2', enterpriseId: 'E2', workspaceIds: ['T1'] }), gridWorkspace), 'requester_other_workspace');
    });
  });

  describe('what the request alone shows', () => {
    it('refuses a request for no installation of this app', () => {
      assert.deepEqual(refuseByRequest({ userId: 'U1', installation: undefined }), { code: 'requester_other_workspace' });
    });

    it('refuses a person who says they are of another workspace (the other side of a Slack Connect channel)', () => {
      assert.deepEqual(refuseByRequest({ userId: 'W111', installation: workspace, claimedTeamId: 'T-other-side' }), { code: 'requester_other_workspace' });
      assert.equal(refuseByRequest({ userId: 'U1', installation: workspace, claimedTeamId: 'T1' }), undefined);
      assert.equal(refuseByRequest({ userId: 'U1', installation: workspace }), undefined, 'slash commands carry no claim');
    });

    it('on Grid, leaves a claim of a sibling workspace to Slack’s profile (people act in workspaces other than their home one)', () => {
      assert.equal(refuseByRequest({ userId: 'W1', installation: gridWorkspace, claimedTeamId: 'T2' }), undefined);
    });
  });
});
