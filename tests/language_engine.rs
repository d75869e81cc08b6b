//! Spanish for what the plan and the choice of steps say (locales/*/engine.ftl)
