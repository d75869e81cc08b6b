//! Spanish for what validate says of a scenario's meaning (locales/*/scenario.ftl)
