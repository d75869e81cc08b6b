//! Spanish for what the clusters and class mode's HTTP say (locales/*/providers.ftl)
