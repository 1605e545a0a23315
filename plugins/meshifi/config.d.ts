export interface Config {
  meshifi?: {
    /**
     * The group analysts ask when the platform fails them (missing
     * permissions, APIs, billing, quotas), e.g. group:default/data-platform.
     * The product page links to it; without it, it says "your platform team".
     * @visibility frontend
     */
    platformTeam?: string;
  };
}
