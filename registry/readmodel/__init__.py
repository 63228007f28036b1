"""The read model: board findings stored with the interval of dates in which they cannot change
(issue 15). :mod:`registry.readmodel.intervals` works out the interval."""
