from django.urls import path

from . import whatsapp_views
from .views import pages, review, submit, wizard

urlpatterns = [
    path("", pages.template_list, name="template_list"),
    path("new/", wizard.template_new, name="template_new"),
    path("advisor-rules.json", pages.advisor_rules, name="template_advisor_rules"),
    path("<int:template_id>/", pages.template_detail, name="template_detail"),
    path("<int:template_id>/details/", wizard.template_details_edit, name="template_details_edit"),
    path("<int:template_id>/edit/", wizard.template_edit, name="template_edit"),
    path("<int:template_id>/content/<str:language>/", wizard.content_update, name="template_content"),
    path("<int:template_id>/content/<str:language>/media/", wizard.media_upload, name="template_media_upload"),
    path("<int:template_id>/content/<str:language>/media/remove/", wizard.media_remove, name="template_media_remove"),
    path("<int:template_id>/content/<str:language>/media/sample/", pages.media_sample, name="template_media_sample"),
    path("<int:template_id>/submit/", submit.submit_start, name="template_submit_start"),
    path("<int:template_id>/submit/confirm/", submit.submit_confirm, name="template_submit_confirm"),
    path("<int:template_id>/submit/verify/", submit.submit_verify, name="template_submit_verify"),
    path("<int:template_id>/submit/resend/", submit.submit_resend, name="template_submit_resend"),
    path("<int:template_id>/submit/cancel/", submit.submit_cancel, name="template_submit_cancel"),
    path("<int:template_id>/review/", review.template_review, name="template_review"),
    path("<int:template_id>/review/verify/", review.review_verify, name="template_review_verify"),
    path("<int:template_id>/review/resend/", review.review_resend, name="template_review_resend"),
    path("<int:template_id>/review/cancel/", review.review_cancel, name="template_review_cancel"),
    path("<int:template_id>/retry/", submit.template_retry, name="template_retry"),
    path("<int:template_id>/retry/confirm/", submit.retry_confirm, name="template_retry_confirm"),
    path("<int:template_id>/retry/verify/", submit.retry_verify, name="template_retry_verify"),
    path("<int:template_id>/retry/resend/", submit.retry_resend, name="template_retry_resend"),
    path("<int:template_id>/retry/cancel/", submit.retry_cancel, name="template_retry_cancel"),
    path("<int:template_id>/sync/", pages.template_sync, name="template_sync"),
    path("<int:template_id>/duplicate/", pages.template_duplicate_view, name="template_duplicate"),
    path("<int:template_id>/delete/", pages.template_delete_view, name="template_delete"),
    path(
        "<int:template_id>/whatsapp-delete/", whatsapp_views.template_whatsapp_delete, name="template_whatsapp_delete"
    ),
    path(
        "<int:template_id>/whatsapp-delete/confirm/",
        whatsapp_views.whatsapp_delete_confirm,
        name="template_whatsapp_delete_confirm",
    ),
    path(
        "<int:template_id>/whatsapp-delete/verify/",
        whatsapp_views.whatsapp_delete_verify,
        name="template_whatsapp_delete_verify",
    ),
    path(
        "<int:template_id>/whatsapp-delete/resend/",
        whatsapp_views.whatsapp_delete_resend,
        name="template_whatsapp_delete_resend",
    ),
    path(
        "<int:template_id>/whatsapp-delete/cancel/",
        whatsapp_views.whatsapp_delete_cancel,
        name="template_whatsapp_delete_cancel",
    ),
]
