/* The CSV kinds, in the order an empty database can take them. */
#include "xf/complaint.h"
#include "xf/evaluation.h"
#include "xf/improvement.h"
#include "xf/inspection.h"
#include "xf/pledge.h"
#include "xf/post.h"
#include "xf/project.h"
#include "xf/transfer.h"
#include "xf/unit.h"

const struct xf_kind_io *const xf_kinds[] = {
    &xf_kind_units,       &xf_kind_members,     &xf_kind_projects,
    &xf_kind_posts,       &xf_kind_evaluations, &xf_kind_pledges,
    &xf_kind_complaints,  &xf_kind_inspections, &xf_kind_improvements,
    NULL,
};
