import { notInDomainTeamMessage } from './messages';

describe('notInDomainTeamMessage', () => {
  it('names the team as people know it, and its ref for the platform team', () => {
    expect(
      notInDomainTeamMessage('sales', 'group:default/sales-analytics'),
    ).toBe(
      'You are not in the sales-analytics team, which owns the domain "sales": only its members create data products there. Ask someone in sales-analytics to add you to the team (group:default/sales-analytics), or pick the domain of your own team.',
    );
  });

  it('reads a short ref too', () => {
    expect(notInDomainTeamMessage('finance', 'finance-team')).toMatch(
      /^You are not in the finance-team team/,
    );
  });
});
