"""Citations shared by the built-in modules of named strategies."""

AXELROD_PYTHON = (
    "the Axelrod-Python library (V. Knight et al. (2016), 'An open framework for the "
    "reproducible study of the iterated prisoner's dilemma', J. Open Research Software 4:e35)"
)
"""Where a rule was first published when its author contributed it to Axelrod-Python."""

PRISON = (
    "LIFL (1998), PRISON, the iterated prisoner's dilemma software of the Lille group "
    "(Beaufils, Delahaye, Mathieu), http://www.lifl.fr/IPD/ipd.frame.html"
)

LESSWRONG = (
    "the LessWrong prisoner's dilemma tournament (2011), 'Prisoner's Dilemma Tournament "
    "Results', http://lesswrong.com/lw/7f2/prisoners_dilemma_tournament_results/"
)

LI_2011 = (
    "J. Li, P. Hingston and G. Kendall (2011), 'Engineering design of strategies for winning "
    "iterated prisoner's dilemma competitions', IEEE Trans. Comput. Intell. AI Games 3:348-360"
)

ANDRE_2013 = (
    "L. C. Andre, P. Honovan, T. Felipe and G. Frederico (2013), 'Iterated Prisoner's "
    "Dilemma - an extended analysis', BRICS-CCI & CBIC 2013"
)

ECKHART_2015 = "E. Arnold (2015), CoopSim v0.9.9 beta 6, https://github.com/jecki/CoopSim/"

PD_2017 = (
    "the prisoners-dilemma.com competition (2017), "
    "http://www.prisoners-dilemma.com/competition.html"
)

BERG_2015 = (
    "P. van den Berg and F. J. Weissing (2015), 'The importance of mechanisms for the "
    "evolution of cooperation', Proc. R. Soc. B 282:20151382"
)
