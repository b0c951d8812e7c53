package dev.sluice.spi;

/** What kind of object a relation is in the warehouse. */
public enum RelationKind {
    TABLE,
    VIEW
}
