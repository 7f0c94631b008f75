"""Workers: effort, quitting and skill under a labor shortage.

ODD section 7 (submodels), chapter 6. "You travel because wherever you are you feel bad"
(Serge, quoted in Weissman 1988, ¶14).
"""

from __future__ import annotations

from .formula import formula, maximum, minimum
from .numeric import clip


@formula("C_t", lambda conditions, food: conditions * (0.5 + 0.5 * food), symbols={"conditions": r"\bar C"})
def living_conditions(conditions, food):
    """Conditions workers live in this period: the planned level, cut by a shortage of food.

    Without food in the towns conditions fall to half their planned level: housing and pay still
    count for something. The half is an assumption of the model, not a measured figure.

    Args:
        conditions: food, housing and pay as planned, in [0, 1] (the ``conditions`` parameter).
        food: grain reaching the towns relative to before collectivization, in [0, 1].

    Returns:
        Conditions this period, in [0, 1] (1 is decent).
    """
    return conditions * (0.5 + 0.5 * food)


@formula(
    "q_t",
    lambda conditions, overload, base_quit, quit_sensitivity: minimum(
        1, maximum(0, base_quit + quit_sensitivity * (1 - conditions) * (1 + overload))
    ),
    symbols={"overload": "o_{t-1}"},
)
def quit_rate(conditions, overload, base_quit, quit_sensitivity):
    """Share of an enterprise's workforce that quits this period.

    Args:
        conditions: food, housing and pay, in [0, 1] (1 is decent).
        overload: last period's speed-up, >= 0.
        base_quit: quits in decent conditions, share per period in [0, 0.5].
        quit_sensitivity: extra quits at the worst conditions, share per period in [0, 1].

    Returns:
        Quit share this period, in [0, 1].
    """
    return clip(base_quit + quit_sensitivity * (1.0 - conditions) * (1.0 + overload), 0.0, 1.0)


@formula("k_t'", lambda skill, quit, new_hand_skill: (1 - quit) * skill + quit * new_hand_skill)
def workforce_skill(skill, quit, new_hand_skill):
    """Average skill after those who quit are replaced by new hands.

    Args:
        skill: average skill before quits, in (0, 1].
        quit: share of the workforce replaced, in [0, 1].
        new_hand_skill: skill of a new hand, in [0.1, 1].

    Returns:
        Average skill, in (0, 1].
    """
    return (1.0 - quit) * skill + quit * new_hand_skill


@formula("k_{t+1}", lambda skill, learning: skill + learning * (1 - skill), symbols={"skill": "k_t'"})
def learn(skill, learning):
    """Skill after a period of work: the workforce closes part of its gap to full skill.

    Args:
        skill: average skill, in (0, 1].
        learning: share of the gap closed per period, in [0, 1].

    Returns:
        Average skill next period, in (0, 1].
    """
    return skill + learning * (1.0 - skill)


@formula("e_t", lambda conditions, collusion: 1 - collusion * (1 - conditions))
def effort(conditions, collusion):
    """Effort workers give, as a share of full effort.

    Under the labor shortage workers and managers settle the pace between them: the worse the
    conditions, the more effort is withheld (the collusion of note 5; Filtzer's "negative control").
    Penalties do not enter: terror does not reach this atomized resistance.

    Args:
        conditions: food, housing and pay, in [0, 1].
        collusion: effort withheld at the worst conditions, in [0, 0.9].

    Returns:
        Effort, in [0.1, 1].
    """
    return 1.0 - collusion * (1.0 - conditions)
