"""SplitMix64 streams in plain Python integers, mirroring ipd.engine.random."""

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix64(z: int) -> int:
    z &= MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def match_key(seed: int, rep: int, row: int, col: int) -> int:
    h = mix64(seed)
    h = mix64(h ^ rep)
    h = mix64(h ^ row)
    return mix64(h ^ col)


class Stream:
    """One random stream: a counter advanced by the golden gamma, then scrambled."""

    def __init__(self, key: int, number: int):
        self.state = mix64(key ^ number)

    def uniform(self) -> float:
        self.state = (self.state + GAMMA) & MASK
        return (mix64(self.state) >> 11) / float(1 << 53)

    def bernoulli(self, p: float) -> bool:
        if p >= 1.0:
            return True
        if p <= 0.0:
            return False
        return self.uniform() < p
