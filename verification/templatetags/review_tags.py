"""Template helpers of the review workflow: the unread badge in the nav, the dashboard queues."""

from django import template

from verification.selectors import review

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    return review.unread_count(user)


@register.inclusion_tag("verification/_queue_counts.html")
def review_queue_counts(user) -> dict:
    return {
        "counts": review.queue_counts(user),
        "queues": review.QUEUES,
        "people": review.workload_by_person(),
    }
