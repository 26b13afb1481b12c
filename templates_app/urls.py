from django.urls import path

from . import views

urlpatterns = [
    path("", views.template_list, name="template_list"),
    path("new/", views.template_new, name="template_new"),
    path("<int:template_id>/", views.template_detail, name="template_detail"),
    path("<int:template_id>/details/", views.template_details, name="template_details"),
    path("<int:template_id>/edit/", views.template_edit, name="template_edit"),
    path("<int:template_id>/content/<str:language>/", views.content_update, name="template_content"),
    path("<int:template_id>/content/<str:language>/media/", views.media_upload, name="template_media_upload"),
    path("<int:template_id>/content/<str:language>/media/remove/", views.media_remove, name="template_media_remove"),
    path("<int:template_id>/content/<str:language>/media/sample/", views.media_sample, name="template_media_sample"),
    path("<int:template_id>/submit/", views.submit_start, name="template_submit"),
    path("<int:template_id>/submit/confirm/", views.submit_confirm, name="template_submit_confirm"),
    path("<int:template_id>/submit/verify/", views.submit_verify, name="template_submit_verify"),
    path("<int:template_id>/submit/resend/", views.submit_resend, name="template_submit_resend"),
    path("<int:template_id>/review/", views.template_review, name="template_review"),
    path("<int:template_id>/retry/", views.template_retry, name="template_retry"),
    path("<int:template_id>/sync/", views.template_sync, name="template_sync"),
    path("<int:template_id>/duplicate/", views.template_duplicate_view, name="template_duplicate"),
    path("<int:template_id>/delete/", views.template_delete_view, name="template_delete"),
]
