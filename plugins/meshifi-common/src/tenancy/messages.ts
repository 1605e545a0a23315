/** The name a person knows a team by: `group:default/sales-analytics` → `sales-analytics`. */
function teamName(ownerRef: string): string {
  return ownerRef.replace(/^[^:]*:/, '').replace(/^[^/]*\//, '');
}

/**
 * What someone outside a domain's team is told, on the Create page and when
 * a task is refused: whose team it is and what to do.
 */
export function notInDomainTeamMessage(
  domain: string,
  ownerRef: string,
): string {
  const team = teamName(ownerRef);
  return `You are not in the ${team} team, which owns the domain "${domain}": only its members create data products there. Ask someone in ${team} to add you to the team (${ownerRef}), or pick the domain of your own team.`;
}
