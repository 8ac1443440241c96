"""The pieces every chart shares (web pages and the printed report): gaps stay gaps."""

from pacewise.core.charts import Stroke, gap_line, rolling_mean, runs


def test_a_day_nobody_logged_is_a_gap_and_a_lone_day_is_a_dot():
    points = [(0.0, 1.0), (1.0, 2.0), None, (3.0, 4.0), None, None]
    assert runs(points) == [[(0.0, 1.0), (1.0, 2.0)], [(3.0, 4.0)]]
    web = gap_line(points, Stroke(css="pain"))
    assert web == (
        '<polyline class="pain" fill="none" points="0.0,1.0 1.0,2.0"/>'
        '<circle class="pain" cx="3.0" cy="4.0" r="2.5"/>'
    )


def test_print_draws_the_same_shape_with_its_own_colour_and_dashes():
    printed = gap_line([(0.0, 1.0), (1.0, 2.0), None, (3.0, 4.0)],
                       Stroke(colour="#123456", dash="6 4"))  # fmt: skip
    assert 'stroke="#123456"' in printed and 'stroke-dasharray="6 4"' in printed
    assert printed.count("<polyline") == 1 and 'fill="#123456"' in printed
    assert gap_line([None, None], Stroke(css="x")) == ""


def test_the_average_needs_three_known_days_in_its_window():
    assert rolling_mean([1, None, 2, 3, None, None, None, None, None]) == [
        None, None, None, 2.0, 2.0, 2.0, 2.0, None, None,  # day 8 has two left in its week
    ]  # fmt: skip
