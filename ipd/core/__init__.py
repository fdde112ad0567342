"""The model: game, settings, specs, players, matches, tournaments, results, files, errors."""
