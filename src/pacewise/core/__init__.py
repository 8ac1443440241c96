"""The framework-free core: every clinical and statistical rule, as pure functions.

Nothing in this package imports Django, touches a file, the network or the clock.
Today's date is always a parameter. The Django apps load data, call the core and
store or render what it returns.
"""
