"""Data files shipped inside the package as ``trygg_desktop._resources`` (a regular
package, so ``importlib.resources`` gives a real folder in an installed wheel)."""
